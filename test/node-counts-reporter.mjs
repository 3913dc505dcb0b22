// node:test reporter that writes {passed, failed, skipped} from the run's final diagnostics.
export default async function* countsReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:diagnostic') continue;
    const m = /^(pass|fail|skipped|todo|cancelled) (\d+)$/.exec(event.data.message);
    if (!m) continue;
    const n = Number(m[2]);
    if (m[1] === 'pass') counts.passed += n;
    else if (m[1] === 'fail' || m[1] === 'cancelled') counts.failed += n;
    else counts.skipped += n;
  }
  yield JSON.stringify(counts);
}
