import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;

/** Runs an npm script; resolves with its exit code and output (never rejects). */
async function npmScript(script: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', script], {
      cwd: root,
      maxBuffer: 32 * 1024 * 1024,
    });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof e.code === 'number' ? e.code : 1,
      output: `${e.stdout ?? ''}${e.stderr ?? ''}`,
    };
  }
}

// The same checks a developer runs by hand, in the suite so that CI's count includes them.
describe('static checks', () => {
  it.each(['typecheck', 'lint', 'gen:check'])(
    'npm run %s passes',
    async (script) => {
      const { code, output } = await npmScript(script);
      expect(
        output
          .replace(/npm warn.*\n?/g, '')
          .trim()
          .split('\n')
          .slice(-30)
          .join('\n'),
      ).not.toMatch(/error/i);
      expect(code).toBe(0);
    },
    180_000,
  );
});
