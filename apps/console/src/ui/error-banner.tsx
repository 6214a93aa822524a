/** A page-level error, announced to screen readers; nothing when there is none. */
export function ErrorBanner({ message }: { message?: string }) {
  return message ? (
    <p class="error-banner" role="alert">
      {message}
    </p>
  ) : null;
}
