/** Title and one-line purpose at the top of every page. */
export function PageHeader({ title, intro }: { title: string; intro: string }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      <p className="muted">{intro}</p>
    </header>
  );
}
