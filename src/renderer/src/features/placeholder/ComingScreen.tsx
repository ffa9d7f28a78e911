export function ComingScreen({ title, body }: { title: string; body: string }) {
  return (
    <>
      <header className="page-header">
        <h1>{title}</h1>
      </header>
      <section className="card empty-state" aria-labelledby="coming-title">
        <h2 id="coming-title">Coming</h2>
        <p>{body}</p>
      </section>
    </>
  )
}
