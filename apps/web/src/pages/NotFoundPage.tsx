import { Link } from 'react-router';

export function NotFoundPage({ title = '페이지를 찾을 수 없습니다.', text }: { title?: string; text?: string }) {
  return (
    <div className="page">
      <h1>{title}</h1>
      <p className="muted">{text ?? '주소가 바르게 입력되었는지 확인하세요.'}</p>
      <p>
        <Link to="/">처음 화면으로 이동</Link>
      </p>
    </div>
  );
}
