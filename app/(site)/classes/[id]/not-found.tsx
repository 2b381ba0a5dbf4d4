import Link from "next/link";

/** A class page for someone who is not in the class (or a class that does not exist): the same answer. */
export default function ClassNotFound() {
  return (
    <section className="not-found">
      <h1>No class here for you</h1>
      <p>There is no class at this address, or you are not in it. To join a class, use the link or the code your teacher gave you.</p>
      <p>
        <Link href="/classes">Your classes</Link>
      </p>
    </section>
  );
}
