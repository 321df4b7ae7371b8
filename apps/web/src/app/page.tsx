export default function HomePage() {
  return (
    <main>
      <h1>FastNext</h1>
      <p>The API is served at <code>/api/trpc</code>.</p>
      <ul>
        <li>
          <a href="/api/health">Liveness</a>
        </li>
        <li>
          <a href="/api/ready">Readiness</a>
        </li>
      </ul>
    </main>
  );
}
