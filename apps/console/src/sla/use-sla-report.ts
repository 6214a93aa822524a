import { useEffect, useState } from 'preact/hooks';
import type { SlaReport } from '@escalade/contract';
import { errorMessage } from '../api/api-error';
import { api, type SlaReportQuery } from '../api/client';

/** The SLA report for the query (none asked while it is undefined); a newer query's answer wins over an older one's. */
export function useSlaReport(query: SlaReportQuery | undefined): { report?: SlaReport; error?: string } {
  const [report, setReport] = useState<SlaReport>();
  const [error, setError] = useState<string>();
  const key = query && JSON.stringify(query);
  useEffect(() => {
    if (!query) return;
    let current = true;
    api.slaReport(query).then(
      (result) => {
        if (!current) return;
        setReport(result);
        setError(undefined);
      },
      (err: unknown) => current && setError(errorMessage(err)),
    );
    return () => {
      current = false;
    };
  }, [key]);
  return { report, error };
}

/** Saves the report's measures as a CSV file, as the API makes it. */
export async function downloadCsv(query: SlaReportQuery, fileName: string): Promise<void> {
  const url = URL.createObjectURL(await api.slaReportCsv(query));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
