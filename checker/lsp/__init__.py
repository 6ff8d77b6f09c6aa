"""The AlignSpec language server (``alignspec lsp``), built on pygls: the optional extra ``lsp``.

One module per job: :mod:`.server` wires the protocol's requests to the others;
:mod:`.documents` keeps the editor's texts; :mod:`.positions` converts spans to ranges;
:mod:`.workspace` and :mod:`.scheduler` run the cheap and the costly stage of each document off
the event loop; :mod:`.diagnostics` writes findings as diagnostics; :mod:`.index` finds every
name and what it refers to, for :mod:`.hover`, :mod:`.navigation` and :mod:`.tokens`;
:mod:`.completion`, :mod:`.actions` and :mod:`.formatting` answer their requests.
"""
