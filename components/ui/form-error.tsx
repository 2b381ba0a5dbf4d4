/** An error message next to the control that caused it, announced to screen readers. */
export function FormError({ message, className = "form-error" }: { message: string | null; className?: string }) {
  return message ? (
    <span className={className} role="alert">
      {message}
    </span>
  ) : null;
}
