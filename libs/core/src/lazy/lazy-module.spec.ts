import { lazyModule } from './lazy-module';

describe('lazyModule', () => {
  it('loads on the first call only, and every call shares that load', async () => {
    const load = jest.fn(async () => ({ value: 42 }));
    const get = lazyModule(load);
    expect(load).not.toHaveBeenCalled();
    const [a, b] = await Promise.all([get(), get()]);
    expect(await get()).toBe(a);
    expect(b).toBe(a);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries again after a failed load', async () => {
    const load = jest.fn().mockRejectedValueOnce(new Error('not yet')).mockResolvedValueOnce('loaded');
    const get = lazyModule(load);
    await expect(get()).rejects.toThrow('not yet');
    await expect(get()).resolves.toBe('loaded');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('loads a CommonJS package through import() with its exports as default', async () => {
    const exceljs = lazyModule(() => import('exceljs'));
    expect(typeof (await exceljs()).default.Workbook).toBe('function');
  });
});
