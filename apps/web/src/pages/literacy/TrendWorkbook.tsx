import { useQuery } from '@tanstack/react-query';
import { literacyUrls } from '../../api';
import { DownloadButton } from '../../components/DownloadButton';
import { literacyQueries } from './literacyQueries';

interface Props {
  assessment: { id: number; name: string };
  /** 0: the city's workbook (with its 연도별 추이 sheet); a school's id: that school's. */
  schoolId: number;
}

/** 보고서 파일 (XLSX) of the report, once the workbooks are built; nothing before (or for whoever may not list them). */
export function TrendWorkbook({ assessment, schoolId }: Props) {
  const files = useQuery({ ...literacyQueries.reportFiles(assessment.id), retry: false });
  const file = files.data?.items.find((f) => f.schoolId === schoolId);
  if (!file) return null;
  return (
    <div className="no-print">
      <DownloadButton
        url={literacyUrls.reportFile(assessment.id, schoolId)}
        label={schoolId === 0 ? '서울시 보고서 XLSX (연도별 추이 포함)' : '학교 보고서 XLSX'}
        filename={`리터러시_${assessment.name}_${file.name}.xlsx`}
        testId={`trend-workbook-${schoolId}`}
      />
    </div>
  );
}
