'use strict';
// Tokenizes files with the extension's TextMate grammar, using the engine VS Code uses
// (vscode-textmate with the vscode-oniguruma regular expressions).
//
//   node tokenize.js EXTENSION_DIR FILE...
//
// prints a JSON list with one entry per file: a list of lines, each a list of [text, scopes]
// tokens, scopes from the outermost (source.alignspec) to the innermost.

const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

async function main() {
    const [extensionDir, ...files] = process.argv.slice(2);
    const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));
    const contributed = manifest.contributes.grammars[0];
    const fromExtension = createRequire(path.join(path.resolve(extensionDir), 'package.json'));
    const textmate = fromExtension('vscode-textmate');
    const oniguruma = fromExtension('vscode-oniguruma');

    const wasm = fs.readFileSync(fromExtension.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
        onigLib: Promise.resolve({
            createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
            createOnigString: (text) => new oniguruma.OnigString(text),
        }),
        loadGrammar: async (scopeName) => {
            if (scopeName !== contributed.scopeName) {
                return null;
            }
            const grammarPath = path.join(extensionDir, contributed.path);
            return textmate.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath);
        },
    });
    const grammar = await registry.loadGrammar(contributed.scopeName);
    if (!grammar) {
        throw new Error(`no grammar for ${contributed.scopeName}`);
    }

    const result = files.map((file) => {
        let stack = textmate.INITIAL;
        return fs.readFileSync(file, 'utf8').split('\n').map((line) => {
            const { tokens, ruleStack } = grammar.tokenizeLine(line, stack);
            stack = ruleStack;
            return tokens.map((token) => [line.slice(token.startIndex, token.endIndex), token.scopes]);
        });
    });
    process.stdout.write(JSON.stringify(result));
}

main().catch((error) => {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
});
