// Before the suite: a fresh folder for the end states' screenshots and the axe report.
import { mkdirSync, rmSync } from 'node:fs';

export default function globalSetup() {
  rmSync('target/end2end', { recursive: true, force: true });
  mkdirSync('target/end2end', { recursive: true });
}
