import java.io.File;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeSet;

import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.reasoner.InferenceType;
import org.semanticweb.owlapi.reasoner.Node;
import org.semanticweb.owlapi.reasoner.OWLReasoner;
import org.semanticweb.owlapi.reasoner.OWLReasonerFactory;

/**
 * Classifies an OWL ontology with one reasoner through the OWL API and writes the class
 * hierarchy it computed, one line per fact: "SUB a b" (b is a direct superclass of a),
 * "EQ a b" (a and b are equivalent), "UNSAT a" (a is equivalent to owl:Nothing). Names are
 * the IRI fragments. Prints one JSON line of timings (process CPU time, so the reasoner's
 * worker threads count) and the reasoner's name and version.
 *
 * Usage: java OwlClassify elk|hermit|openllet|jfact ONTOLOGY.ofn HIERARCHY.txt
 */
public final class OwlClassify {
    private static final Map<String, String> FACTORIES = Map.of(
            "elk", "org.semanticweb.elk.owlapi.ElkReasonerFactory",
            "hermit", "org.semanticweb.HermiT.ReasonerFactory",
            "openllet", "openllet.owlapi.OpenlletReasonerFactory",
            "jfact", "uk.ac.manchester.cs.jfact.JFactFactory");

    private OwlClassify() {
    }

    private static String name(OWLClass c) {
        return c.getIRI().getRemainder().orElse(c.getIRI().toString());
    }

    public static void main(String[] args) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String factoryClass = FACTORIES.get(args[0]);
        if (factoryClass == null) {
            throw new IllegalArgumentException("unknown reasoner " + args[0] + "; one of " + FACTORIES.keySet());
        }
        OWLReasonerFactory factory =
                (OWLReasonerFactory) Class.forName(factoryClass).getDeclaredConstructor().newInstance();
        long cpu0 = os.getProcessCpuTime();
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(args[1]));
        long cpu1 = os.getProcessCpuTime();
        long wall1 = System.nanoTime();
        OWLReasoner reasoner = factory.createReasoner(ontology);
        reasoner.precomputeInferences(InferenceType.CLASS_HIERARCHY);
        long cpu2 = os.getProcessCpuTime();
        long wall2 = System.nanoTime();
        TreeSet<String> lines = new TreeSet<>();
        for (OWLClass c : ontology.getClassesInSignature()) {
            String a = name(c);
            Node<OWLClass> same = reasoner.getEquivalentClasses(c);
            if (same.isBottomNode()) {
                lines.add("UNSAT " + a);
                continue;
            }
            for (OWLClass d : same.getEntities()) {
                if (!d.equals(c)) {
                    lines.add("EQ " + a + " " + name(d));
                }
            }
            for (OWLClass d : reasoner.getSuperClasses(c, true).getFlattened()) {
                if (!d.isOWLThing()) {
                    lines.add("SUB " + a + " " + name(d));
                }
            }
        }
        long cpu3 = os.getProcessCpuTime();
        try (PrintWriter out = new PrintWriter(args[2], "UTF-8")) {
            for (String line : lines) {
                out.println(line);
            }
        }
        System.out.printf("{\"load_cpu\": %.6f, \"classify_cpu\": %.6f, \"classify_wall\": %.6f, "
                        + "\"hierarchy_cpu\": %.6f, \"reasoner\": \"%s\", \"version\": \"%s\", \"java\": \"%s\"}%n",
                (cpu1 - cpu0) / 1e9, (cpu2 - cpu1) / 1e9, (wall2 - wall1) / 1e9, (cpu3 - cpu2) / 1e9,
                reasoner.getReasonerName(), reasoner.getReasonerVersion(), System.getProperty("java.version"));
        reasoner.dispose();
    }
}
