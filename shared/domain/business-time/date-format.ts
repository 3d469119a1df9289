/**
 * The date formats users write in `$[...]`: the part of Java's pattern letters that
 * DolphinScheduler users rely on. Anything else is refused rather than guessed at, because a
 * format that silently renders something else (`YYYY` is the week-based year in Java, `DD` the
 * day of the year) is worse than an error at apply time.
 */

import { InvalidArgumentError } from '../../errors.js';
import type { WallClock } from './zoned-clock.js';

const FIELDS = ['yyyy', 'yy', 'MM', 'M', 'dd', 'd', 'HH', 'H', 'mm', 'ss'] as const;
type Field = (typeof FIELDS)[number];

const SEPARATORS = new Set(['-', '/', ':', ' ', '_', '.']);

/** A checked format: fields and literal separators, in order. */
export type DateFormat = readonly ({ field: Field } | { literal: string })[];

function isField(run: string): run is Field {
  return (FIELDS as readonly string[]).includes(run);
}

const SUPPORTED = `supported: ${FIELDS.join(' ')}, and the separators - / : _ . and space`;

/**
 * Checks `format` and splits it into fields and separators.
 * @throws InvalidArgumentError (empty field) naming the first unsupported letter run or
 *   character.
 */
export function parseDateFormat(format: string): DateFormat {
  if (format === '') throw new InvalidArgumentError('', 'empty date format');
  const parts: ({ field: Field } | { literal: string })[] = [];
  let i = 0;
  while (i < format.length) {
    const char = format.charAt(i);
    if (SEPARATORS.has(char)) {
      parts.push({ literal: char });
      i += 1;
      continue;
    }
    // A run of one repeated character is one pattern field, as in Java ("yyyy", "MM").
    let end = i + 1;
    while (end < format.length && format.charAt(end) === char) end += 1;
    const run = format.slice(i, end);
    if (!isField(run)) {
      throw new InvalidArgumentError(
        '',
        `unsupported "${run}" in date format "${format}" (${SUPPORTED})`,
      );
    }
    parts.push({ field: run });
    i = end;
  }
  return parts;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function renderField(field: Field, wall: WallClock): string {
  switch (field) {
    case 'yyyy':
      return pad(wall.year, 4);
    case 'yy':
      return pad(wall.year % 100, 2);
    case 'MM':
      return pad(wall.month, 2);
    case 'M':
      return String(wall.month);
    case 'dd':
      return pad(wall.day, 2);
    case 'd':
      return String(wall.day);
    case 'HH':
      return pad(wall.hour, 2);
    case 'H':
      return String(wall.hour);
    case 'mm':
      return pad(wall.minute, 2);
    case 'ss':
      return pad(wall.second, 2);
  }
}

export function formatWallClock(format: DateFormat, wall: WallClock): string {
  return format
    .map((part) => ('field' in part ? renderField(part.field, wall) : part.literal))
    .join('');
}
