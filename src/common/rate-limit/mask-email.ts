/** An email as an operator may see it in a log line: `a***@example.com` (first letter and domain only). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
