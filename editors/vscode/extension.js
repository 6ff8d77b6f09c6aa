'use strict';
// Starts the AlignSpec language server (by default `alignspec lsp`) for .align files and talks to it
// over the server's standard input and output.

const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

const SECTION = 'alignspec.server';
// The language server links each finding's code to `alignspec-explain:CODE`; this extension shows
// the explanation behind such a link, which the server gives for the command `alignspec.explain`.
const EXPLAIN_SCHEME = 'alignspec-explain';
const EXPLAIN_COMMAND = 'alignspec.explain';

/** @type {LanguageClient | undefined} */
let client;

/**
 * The full path of `command` if it can be run, else undefined: a command with a directory part is
 * taken as a path (relative to `cwd`), a bare name is looked up on PATH (with PATHEXT on Windows).
 * @param {string} command
 * @param {string | undefined} cwd
 * @returns {string | undefined}
 */
function findExecutable(command, cwd) {
    const isWindows = process.platform === 'win32';
    const extensions = isWindows ? ['', ...(process.env.PATHEXT || '.COM;.EXE;.BAT;.CMD').split(';')] : [''];
    const runnable = (file) => {
        try {
            fs.accessSync(file, isWindows ? fs.constants.F_OK : fs.constants.X_OK);
            return fs.statSync(file).isFile();
        } catch {
            return false;
        }
    };
    const candidates = command.includes('/') || command.includes('\\')
        ? [path.resolve(cwd || process.cwd(), command)]
        : (process.env.PATH || '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, command));
    for (const candidate of candidates) {
        for (const extension of extensions) {
            if (runnable(candidate + extension)) {
                return candidate + extension;
            }
        }
    }
    return undefined;
}

function workspaceDirectory() {
    const folders = vscode.workspace.workspaceFolders;
    return folders && folders.length > 0 && folders[0].uri.scheme === 'file' ? folders[0].uri.fsPath : undefined;
}

async function showStartError(text) {
    const choice = await vscode.window.showErrorMessage(text, 'Open Settings');
    if (choice === 'Open Settings') {
        await vscode.commands.executeCommand('workbench.action.openSettings', SECTION);
    }
}

async function startClient() {
    const settings = vscode.workspace.getConfiguration(SECTION);
    if (!settings.get('enabled', true)) {
        return;
    }
    const configured = settings.get('command', ['alignspec', 'lsp']);
    if (!Array.isArray(configured) || configured.length === 0 || typeof configured[0] !== 'string'
        || configured[0].trim() === '') {
        await showStartError('AlignSpec: the setting alignspec.server.command must be a list: the command, '
            + 'then its arguments, for example ["alignspec", "lsp"].');
        return;
    }
    const [command, ...args] = configured.map(String);
    const cwd = workspaceDirectory();
    const executable = findExecutable(command, cwd);
    if (executable === undefined) {
        await showStartError(`AlignSpec: the language server command "${command}" was not found. `
            + 'Install AlignSpec with its language server (pip install ".[lsp]" in a clone of AlignSpec) '
            + 'into an environment on PATH, or set alignspec.server.command to the full path of the command.');
        return;
    }
    // No transport is given, so the server runs over its standard streams with exactly these arguments.
    const serverOptions = { command: executable, args, options: cwd ? { cwd } : {} };
    const clientOptions = {
        documentSelector: [
            { scheme: 'file', language: 'alignspec' },
            { scheme: 'untitled', language: 'alignspec' },
        ],
    };
    client = new LanguageClient('alignspec', 'AlignSpec Language Server', serverOptions, clientOptions);
    try {
        await client.start();
    } catch (error) {
        client = undefined;
        await showStartError(`AlignSpec: the language server "${[command, ...args].join(' ')}" did not start: ${error}`);
    }
}

async function stopClient() {
    const running = client;
    client = undefined;
    if (running && running.needsStop()) {
        await running.stop();
    }
}

async function restartClient() {
    await stopClient();
    await startClient();
}

/**
 * The text behind an `alignspec-explain:CODE` link: the finding's explanation, from the server.
 * @param {vscode.Uri} uri
 * @returns {Promise<string>}
 */
async function explanation(uri) {
    const code = uri.path;
    if (!client) {
        return `The AlignSpec language server is not running; \`alignspec explain ${code}\` prints this explanation.\n`;
    }
    try {
        return await client.sendRequest('workspace/executeCommand', { command: EXPLAIN_COMMAND, arguments: [code] });
    } catch (error) {
        return `AlignSpec: no explanation of ${code}: ${error && error.message ? error.message : error}\n`;
    }
}

/** @param {vscode.ExtensionContext} context */
function activate(context) {
    context.subscriptions.push(
        vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, { provideTextDocumentContent: explanation }),
        vscode.commands.registerCommand('alignspec.server.restart', restartClient),
        vscode.workspace.onDidChangeConfiguration((event) => {
            if (event.affectsConfiguration(SECTION)) {
                void restartClient();
            }
        }),
    );
    void startClient();
}

function deactivate() {
    return stopClient();
}

module.exports = { activate, deactivate, findExecutable, explanation };
