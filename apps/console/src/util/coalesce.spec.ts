import { coalesce } from './coalesce';

describe('coalesce', () => {
  it('runs a burst of calls made during a run once more after it', async () => {
    const finishers: Array<() => void> = [];
    const task = jest.fn(() => new Promise<void>((resolve) => finishers.push(resolve)));
    const run = coalesce(task);
    run();
    run();
    run();
    expect(task).toHaveBeenCalledTimes(1);
    finishers[0]();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(task).toHaveBeenCalledTimes(2);
    finishers[1]();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(task).toHaveBeenCalledTimes(2);
  });

  it('keeps going after a failed run', async () => {
    const task = jest.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(undefined);
    const run = coalesce(task);
    run();
    await new Promise((resolve) => setTimeout(resolve, 0));
    run();
    expect(task).toHaveBeenCalledTimes(2);
  });
});
