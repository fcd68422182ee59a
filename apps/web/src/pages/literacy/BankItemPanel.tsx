import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api';
import type { BankItem, User } from '../../api/models';
import { DataTable, num } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Fact } from '../../components/Fact';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../labels';
import { isCityAdmin } from '../../roles';
import { DifficultyChart } from './DifficultyChart';
import { formatCount, formatRatio, formatSigned, formatStat, gradeLabel, ITEM_TYPE_LABEL, PHASE_LABEL } from './literacyLabels';
import { literacyPath } from './literacyPaths';
import { literacyKeys, literacyQueries } from './literacyQueries';
import { DifBadges, FitCell } from './MeasureCells';
import { useAreas } from './useAreas';

interface Props {
  user: User;
  grade: number;
  itemId: string;
  /** The list without the item open. */
  closeHref: string;
}

/** One bank item: its facts, its difficulty by school year, every administration's statistics; 폐기 / 폐기 취소 for city administrators. */
export function BankItemPanel({ user, grade, itemId, closeHref }: Props) {
  const { data: item, error } = useQuery(literacyQueries.bankItem(grade, itemId));
  const areas = useAreas();
  const queryClient = useQueryClient();
  const retire = useMutation({
    mutationFn: ({ retired, reason }: { retired: boolean; reason?: string }) => api.setBankItemRetired(grade, itemId, retired, reason),
    onSuccess: (changed) => {
      queryClient.setQueryData(literacyQueries.bankItem(grade, itemId).queryKey, changed);
      void queryClient.invalidateQueries({ queryKey: [...literacyKeys.bank, 'items'] });
    },
  });

  function toggleRetired(current: BankItem) {
    if (current.retiredAt) {
      if (window.confirm(`문항 ${current.id}의 폐기를 취소합니다. 새 검사에 다시 쓸 수 있습니다.`)) retire.mutate({ retired: false });
      return;
    }
    const reason = window.prompt(`문항 ${current.id}(${gradeLabel(current.grade)})을(를) 폐기합니다. 이력은 남고 새 검사에는 쓸 수 없습니다. 사유를 적으세요(선택).`, '');
    if (reason !== null) retire.mutate({ retired: true, reason: reason.trim() || undefined });
  }

  return (
    <section className="panel" aria-labelledby="bank-item-heading" data-testid="bank-item-detail">
      <div className="panel-head">
        <h2 id="bank-item-heading">
          문항 {itemId} ({gradeLabel(grade)}) 이력
        </h2>
        <div className="literacy-links no-print">
          {item && isCityAdmin(user) && (
            <button
              type="button"
              className={item.retiredAt ? 'button button-small' : 'button button-small button-danger'}
              data-testid="retire-item"
              disabled={retire.isPending}
              onClick={() => toggleRetired(item)}
            >
              {item.retiredAt ? '폐기 취소' : '문항 폐기'}
            </button>
          )}
          <Link to={closeHref} className="button button-small button-ghost">
            닫기
          </Link>
        </div>
      </div>
      <ErrorMessage error={error} title="문항을 불러오지 못했습니다." />
      <ErrorMessage error={retire.error} title="문항의 폐기 여부를 바꾸지 못했습니다." />
      {!item && !error && <Loading />}
      {item && (
        <>
          <dl className="facts">
            <Fact label="영역">{areas.name(item.area)}</Fact>
            <Fact label="형식">
              {ITEM_TYPE_LABEL[item.type]} (만점 {item.maxScore})
            </Fact>
            {item.key && <Fact label="정답">{item.key.join(', ')}</Fact>}
            {item.options && <Fact label="선택지">{item.options.join(', ')}</Fact>}
            <Fact label="상태" testId="bank-item-status">
              {item.retiredAt ? (
                <span className="badge badge-danger">
                  폐기 {formatDateTime(item.retiredAt)}
                  {item.retiredReason && ` (${item.retiredReason})`}
                </span>
              ) : (
                <span className="badge badge-ok">사용 중</span>
              )}
            </Fact>
            <Fact label="사용 검사">{formatCount(item.administrations.length)}개</Fact>
          </dl>
          {item.administrations.length === 0 ? (
            <p className="empty">아직 이 문항을 분석한 검사가 없습니다.</p>
          ) : (
            <>
              <DifficultyChart administrations={item.administrations} testId="bank-item-chart" />
              <DataTable
                testId="bank-item-history"
                caption={`문항 ${item.id}의 검사별 통계`}
                columns={['학년도', '검사', num('학생 수'), num('정답률'), num('변별도'), num('난이도 ± SE'), num('Infit'), num('Outfit'), 'DIF (ETS)', '비고']}
              >
                {item.administrations.map((a) => (
                  <tr key={a.assessmentId} data-testid={`bank-history-${a.assessmentId}`} className={a.dropped ? 'is-dropped' : undefined}>
                    <th scope="row">
                      {a.schoolYear}학년도 {PHASE_LABEL[a.phase]}
                    </th>
                    <td>
                      <Link to={literacyPath.analysis(a.assessmentId, item.id)}>{a.assessmentName}</Link>
                    </td>
                    <td className="num">{formatCount(a.n)}</td>
                    <td className="num">{formatRatio(a.facility)}</td>
                    <td className="num">{formatStat(a.discrimination, 3)}</td>
                    <td className="num">
                      {formatSigned(a.difficulty)}
                      {a.difficultySe !== null ? ` ± ${formatStat(a.difficultySe, 2)}` : a.anchored ? ' (고정)' : ''}
                    </td>
                    <FitCell value={a.infit} z={a.infitZ} />
                    <FitCell value={a.outfit} z={a.outfitZ} />
                    <td className="flags">
                      <DifBadges dif={a.dif} />
                    </td>
                    <td>
                      {a.anchored && (
                        <span className="badge badge-info" title="연계할 때 기준 검사의 난이도로 고정한 앵커 문항">
                          앵커
                        </span>
                      )}
                      {a.dropped && <span className="badge badge-warning">채점 제외</span>}
                    </td>
                  </tr>
                ))}
              </DataTable>
            </>
          )}
        </>
      )}
    </section>
  );
}
