// Dev-server plugins the browser tests need (test-runner commands). Later backends add theirs here.
export function testPlugins() {
  return [];
}
