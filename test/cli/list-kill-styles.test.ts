import { describe, expect, it } from 'vitest';
import { renderKillStyleList } from '../../src/cli/list-kill-styles.ts';
import { KILL_STYLES } from '../../src/kill-styles/kill-styles.ts';
import { STEP_WORDS } from '../../src/kill-styles/stop-steps.ts';

describe('--list of kill styles', () => {
  const list = renderKillStyleList(22);
  const section = (title: string) => list.slice(list.indexOf(title)).split('\n\n')[0] ?? '';

  it('cites each preset with the file and version it was read from, under its own heading', () => {
    const presets = section('Presets');
    for (const style of Object.values(KILL_STYLES)) {
      if (style.preset === undefined) continue;
      expect(presets).toContain(`  ${style.name.padEnd(22)} ${style.description}`);
      expect(presets).toContain(`source: ${style.preset.source}`);
    }
    expect(presets).toMatch(/source: execa 10\.0\.1 lib\/terminate\/kill\.js/);
    expect(presets).toMatch(/systemd-stop .* \[process\]\n/);
    expect(section('Kill styles')).not.toContain('docker-stop');
  });

  it('lists every step word of a sequence, with the runtimes it applies to', () => {
    const steps = section('Stop sequences');
    for (const word of Object.keys(STEP_WORDS)) expect(steps).toMatch(new RegExp(`^  .*\\b${word}\\b`, 'm'));
    expect(steps).toMatch(/^ {2}tree-kill +SIGKILL to the child and its descendants.*\[process\]$/m);
    expect(steps).toMatch(/^ {2}terminate +.*\[thread, py-process, py-process-spawn\]$/m);
    expect(steps).toContain('--stop-timeout follows the last step');
  });
});
