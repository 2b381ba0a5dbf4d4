/** Links that download the notebook: .ipynb (outputs and provenance included) or a .py script. */
export function DownloadMenu({ slug }: { slug: string }) {
  const base = `/n/${encodeURIComponent(slug)}/export`;
  return (
    <span className="download-menu" aria-label="Download">
      <a className="button button-small" href={`${base}?format=ipynb`} download>
        Download .ipynb
      </a>
      <a className="button button-small" href={`${base}?format=py`} download>
        .py
      </a>
    </span>
  );
}
