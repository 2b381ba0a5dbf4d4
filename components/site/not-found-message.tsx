import Link from "next/link";

export function NotFoundMessage() {
  return (
    <section className="not-found">
      <h1>Not found</h1>
      <p>There is no notebook here, or it is not shared with you.</p>
      <p>
        <Link href="/">Back to the lessons</Link>
      </p>
    </section>
  );
}
