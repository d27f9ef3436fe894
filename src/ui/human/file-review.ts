/** What the approval dialog shows for write_file / edit_file: the file before and after the call, and the edited call. */

/** A file-changing call to review: the file now, what the call would make of it. */
export interface FileReview {
  path: string;
  before: string;
  after: string;
  tool: 'write_file' | 'edit_file';
}

/** The review of a write_file / edit_file call, given the file's current text ('' when absent); undefined otherwise. */
export function reviewOf(tool: string, args: unknown, current: string): FileReview | undefined {
  if (!args || typeof args !== 'object') return undefined;
  const { path, content, old_string, new_string } = args as Record<string, unknown>;
  if (typeof path !== 'string') return undefined;
  if (tool === 'write_file' && typeof content === 'string') return { path, before: current, after: content, tool };
  if (tool === 'edit_file' && typeof old_string === 'string' && typeof new_string === 'string') {
    // edit_file replaces exactly one occurrence; otherwise it changes nothing
    const after = old_string && current.split(old_string).length === 2 ? current.replace(old_string, () => new_string) : current;
    return { path, before: current, after, tool };
  }
  return undefined;
}

/** The call's arguments that write the person's version instead (undefined when they changed nothing). */
export function editedArguments(review: FileReview, content: string): Record<string, unknown> | undefined {
  if (content === review.after) return undefined;
  if (review.tool === 'write_file') return { content };
  // edit_file: the whole file (one occurrence, by construction) is replaced with the person's version
  return { old_string: review.before, new_string: content };
}
