// Playwright cannot download its own browser here: use Debian's chromium, installing it when missing.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(path)) {
  console.log(`[ensure-chromium] ${path} missing; installing Debian's chromium`);
  const sudo = process.getuid && process.getuid() !== 0 ? 'sudo ' : '';
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, { stdio: 'inherit' });
}
if (!existsSync(path)) {
  console.error(`[ensure-chromium] ${path} still missing after install`);
  process.exit(1);
}
