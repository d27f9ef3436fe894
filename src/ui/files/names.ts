/**
 * Names as a person should see them: characters that are invisible or turn text around (control characters,
 * bidirectional overrides such as U+202E, zero-width ones) are shown as `⟨U+202E⟩`, and names that differ only
 * by Unicode normalisation (`café` composed and decomposed) are marked, so a look-alike never passes for another.
 */

// C0 and C1 controls, DEL, bidi marks/embeddings/overrides/isolates, zero-width characters, BOM
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

/** The text with each hidden or direction-changing character shown as `⟨U+XXXX⟩`. */
export function visibleName(name: string): string {
  return name.replace(HIDDEN, (char) => `⟨U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/** True when the text holds a character `visibleName` would show escaped. */
export function hasHiddenCharacters(name: string): boolean {
  return new RegExp(HIDDEN.source, 'u').test(name);
}

/** True when the text is not in composed form (NFC): it looks like its NFC form but is a different name. */
export function isDecomposed(name: string): boolean {
  return name.normalize('NFC') !== name;
}

/** The names (of one folder) that another name of it matches once both are normalised (NFC), though they differ. */
export function normalisationTwins(names: readonly string[]): Set<string> {
  const byForm = new Map<string, string[]>();
  for (const name of names) {
    const form = name.normalize('NFC');
    byForm.set(form, [...(byForm.get(form) ?? []), name]);
  }
  return new Set([...byForm.values()].filter((group) => new Set(group).size > 1).flat());
}

/** How a name differs from what it looks like, for a person; empty when it is what it looks like. */
export function lookAlikeNote(name: string, twin = false): string {
  const notes: string[] = [];
  if (hasHiddenCharacters(name)) notes.push('holds invisible or direction-changing characters (shown as ⟨U+…⟩)');
  if (twin) notes.push('looks the same as another name here but differs in its Unicode form (composed/decomposed)');
  else if (isDecomposed(name)) notes.push('is in decomposed Unicode form: it looks like, but is not, the usual spelling');
  return notes.length === 0 ? '' : `This name ${notes.join(', and ')}.`;
}
