/**
 * The notes Escalade adds to Microsoft's ticket end with a reference of ours. It makes an added note idempotent (a
 * retry finds it and adds nothing) and keeps our own notes from being read as Microsoft's answer or news.
 */
const MARKER = /\n\n\[Escalade ([^\]\n]+)\]$/;

export function withReference(text: string, ref: string): string {
  return `${text}\n\n[Escalade ${ref}]`;
}

export function referenceOf(text: string): string | undefined {
  return MARKER.exec(text)?.[1];
}
