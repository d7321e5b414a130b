/**
 * A coarse name for the device a session was started on ('Firefox · Windows'), so a person can
 * tell their sessions apart on the account page. Only the browser family and the system are
 * kept, never the full user-agent string or a version.
 */
const BROWSERS: [RegExp, string][] = [
	[/\bEdgA?\//, 'Edge'],
	[/\bOPR\//, 'Opera'],
	[/\bSamsungBrowser\//, 'Samsung Internet'],
	[/\bFirefox\/|\bFxiOS\//, 'Firefox'],
	[/\bChrome\/|\bCriOS\/|\bChromium\//, 'Chrome'],
	[/\bVersion\/[\d.]+.*\bSafari\//, 'Safari']
];
const SYSTEMS: [RegExp, string][] = [
	[/\bAndroid\b/, 'Android'],
	[/\biPhone\b|\biPad\b|\biPod\b/, 'iOS'],
	[/\bCrOS\b/, 'ChromeOS'],
	[/\bWindows\b/, 'Windows'],
	[/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
	[/\bLinux\b/, 'Linux']
];

export function deviceLabel(userAgent: string | null | undefined): string | null {
	if (!userAgent) return null;
	const ua = userAgent.slice(0, 500);
	const browser = BROWSERS.find(([pattern]) => pattern.test(ua))?.[1];
	const system = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1];
	return [browser, system].filter(Boolean).join(' · ') || null;
}
