import type { SurveyTemplate } from '../engine';
import { FrozenVersions } from './frozen-versions';

const t = (title: string) => ({ title, sections: [] }) as unknown as SurveyTemplate;

describe('FrozenVersions', () => {
  it('keeps the most recently used versions up to its size', () => {
    const v = new FrozenVersions(2, 60_000);
    v.remember(1, t('one'), 0);
    v.remember(2, t('two'), 1);
    v.touch(1, 2);
    v.remember(3, t('three'), 3);
    expect(v.current(4).map(([id]) => id)).toEqual([1, 3]);
    expect(v.get(2)).toBeUndefined();
  });

  it('drops versions nobody answered for longer than idleMs', () => {
    const v = new FrozenVersions(8, 1_000);
    v.remember(1, t('one'), 0);
    v.remember(2, t('two'), 900);
    expect(v.current(1_500).map(([id]) => id)).toEqual([2]);
    expect(v.size).toBe(1);
  });
});
