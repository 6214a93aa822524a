import { useEffect, useState } from 'preact/hooks';

/** The current time, ticking every second: what live countdowns render against. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
