'use strict';
// Activates the extension's client with stand-ins for the `vscode` module and for
// vscode-languageclient, so that what it does can be checked without VS Code:
//
//   node client_harness.js EXTENSION_DIR SETTINGS_JSON
//
// SETTINGS_JSON holds the `alignspec.server` settings, and `startFails: true` to make the
// language client fail to start. Prints JSON: the error messages shown, the language clients
// created (with their server and client options), the commands and document schemes registered,
// the requests sent to the server, and the text shown for the link `alignspec-explain:AS302`.

const Module = require('module');
const path = require('path');

const [extensionDir, settingsJson] = process.argv.slice(2);
const { startFails = false, ...settings } = JSON.parse(settingsJson);
const reported = { errors: [], clients: [], commands: [], schemes: [], requests: [], explained: null };
const providers = {};

class LanguageClient {
    constructor(id, name, serverOptions, clientOptions) {
        this.record = { id, name, serverOptions, clientOptions, started: false, stopped: false };
        reported.clients.push(this.record);
    }

    async start() {
        if (startFails) {
            throw new Error('the server process exited');
        }
        this.record.started = true;
    }

    needsStop() {
        return this.record.started && !this.record.stopped;
    }

    async stop() {
        this.record.stopped = true;
    }

    async sendRequest(method, params) {
        reported.requests.push({ method, params });
        return `explanation of ${params.arguments[0]}`;
    }
}

const disposable = { dispose() {} };
const vscode = {
    window: {
        showErrorMessage: async (text, ...items) => {
            reported.errors.push({ text, items });
            return undefined;
        },
    },
    workspace: {
        workspaceFolders: undefined,
        getConfiguration: () => ({ get: (key, fallback) => (key in settings ? settings[key] : fallback) }),
        onDidChangeConfiguration: () => disposable,
        registerTextDocumentContentProvider: (scheme, provider) => {
            reported.schemes.push(scheme);
            providers[scheme] = provider;
            return disposable;
        },
    },
    commands: {
        registerCommand: (id) => {
            reported.commands.push(id);
            return disposable;
        },
        executeCommand: async () => undefined,
    },
};

const load = Module._load;
Module._load = function (request, ...rest) {
    if (request === 'vscode') {
        return vscode;
    }
    if (request === 'vscode-languageclient/node') {
        return { LanguageClient };
    }
    return load.call(this, request, ...rest);
};

async function main() {
    const extension = require(path.resolve(extensionDir, 'extension.js'));
    extension.activate({ subscriptions: [] });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const explain = providers['alignspec-explain'];
    if (explain) {
        reported.explained = await explain.provideTextDocumentContent({ path: 'AS302' });
    }
    await extension.deactivate();
    process.stdout.write(JSON.stringify(reported));
}

main().catch((error) => {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
});
