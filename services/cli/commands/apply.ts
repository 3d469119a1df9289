import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { definitionJson } from '../definition-json.js';
import { runCommand } from '../run-command.js';

/** `baton apply -f FILE`: stores a new version of the definition in FILE (`-` = stdin). */
export function registerApply(program: Command): void {
  program
    .command('apply')
    .description('store a new version of a workflow definition (YAML)')
    .requiredOption('-f, --file <file>', 'the YAML definition; - reads stdin')
    .action((opts: { file: string }, command: Command) =>
      runCommand(command, async (ctx) => {
        const yaml = await readSource(opts.file);
        const definition = await ctx.call('ApplyWorkflow', { yaml });
        if (ctx.json) ctx.printJson(definitionJson(definition));
        else ctx.say(`applied ${definition.name} version ${definition.version}`);
      }),
    );
}

async function readSource(file: string): Promise<string> {
  try {
    return file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new CliError(`cannot read ${file === '-' ? 'stdin' : file}: ${reason}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
