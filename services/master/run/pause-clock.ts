/**
 * Time that counts for an instance's timers: wall time minus the time it was paused. The
 * workflow timeout and retry intervals wait while the instance is paused and go on with what
 * was left when the pause committed (issue 14). The pauses are durable on the instance row
 * (`paused_at`, `paused_spans`, migration 0010), so a master that adopts the instance during or
 * after a pause counts the same as the one that paused it.
 */

/** One pause that ended: from its commit to the resume, epoch milliseconds. */
export type PauseSpan = readonly [from: number, to: number];

/** The stored `paused_spans` column; anything unreadable counts as no pauses. */
export function parsePauseSpans(text: string | null): PauseSpan[] {
  if (text === null || text === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.filter(
    (span): span is PauseSpan =>
      Array.isArray(span) &&
      span.length === 2 &&
      typeof span[0] === 'number' &&
      typeof span[1] === 'number' &&
      span[0] <= span[1],
  );
}

/** The spans with one more ended pause, as stored. */
export function withPause(spans: readonly PauseSpan[], from: number, to: number): string {
  return JSON.stringify([...spans, [from, Math.max(from, to)]]);
}

/** Milliseconds of [from, to) that were not paused. */
export function activeMs(spans: readonly PauseSpan[], from: number, to: number): number {
  let paused = 0;
  for (const [start, end] of spans)
    paused += Math.max(0, Math.min(end, to) - Math.max(start, from));
  return Math.max(0, to - from - paused);
}
