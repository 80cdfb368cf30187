/** How console text is painted: plain unless colour is on (a TTY, and `NO_COLOR` not set). */
export interface ConsoleStyle {
  color: boolean;
}

/** Plain text: what pipes, files and CI logs get. */
export const PLAIN: ConsoleStyle = { color: false };

const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;

/** Wraps `text` in an ANSI colour when the style has colour, else returns it unchanged. */
export function paint(style: ConsoleStyle, colour: keyof typeof CODES, text: string): string {
  return style.color ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text;
}

/**
 * Whether to colour: only on a terminal, and never when `NO_COLOR` is set to anything but
 * the empty string (no-color.org).
 */
export function wantsColor(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return isTTY && (env['NO_COLOR'] ?? '') === '';
}
