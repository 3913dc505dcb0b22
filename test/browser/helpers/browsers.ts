/** The test page runs in Firefox (else Chromium). */
export const inFirefox = navigator.userAgent.includes('Firefox/');

/**
 * `it`, except in Firefox, where the test is skipped and its title says why (what Firefox or its
 * WebDriver BiDi driver lacks). Every other test runs in both browsers.
 */
export function itOutsideFirefox(why: string): (title: string, fn: () => Promise<void>) => void {
  if (!inFirefox) return (title, fn) => it(title, fn);
  return (title) =>
    it(`${title} (not in Firefox: ${why})`, function () {
      this.skip();
    });
}
