import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDetail, CustomerGroupNode } from '../../../shared/types';
import { hrefFor } from '../../app/router';
import { TierBadge } from '../../components/Badges';

/**
 * The customer group tree. A group of a few companies is shown whole; a large one (a group of
 * 198 companies pushed the account's own cards thousands of pixels down) first shows only the
 * way from the group's head to this account and this account's own subsidiaries, with "show
 * all" to open the whole tree in a box of its own height.
 */
export const wholeTreeUpTo = 12;
/** Subsidiaries of this account listed before "show all". */
const childrenShown = 10;

function NodeName({ node, currentId }: { node: CustomerGroupNode; currentId: string }) {
  return (
    <>
      {node.account.id === currentId ? (
        <strong aria-current="page">{node.account.name}</strong>
      ) : (
        <a href={hrefFor({ page: 'account', id: node.account.id })}>{node.account.name}</a>
      )}{' '}
      <TierBadge tier={node.account.tier} />
    </>
  );
}

type Children = ReadonlyMap<string | null, readonly CustomerGroupNode[]>;

function childrenOf(nodes: readonly CustomerGroupNode[]): Children {
  const children = new Map<string | null, CustomerGroupNode[]>();
  for (const node of nodes) children.set(node.parentId, [...(children.get(node.parentId) ?? []), node]);
  return children;
}

function GroupBranch(props: { children: Children; parentId: string | null; currentId: string }) {
  const nodes = props.children.get(props.parentId) ?? [];
  if (nodes.length === 0) return null;
  return (
    <ul className={props.parentId === null ? 'tree' : undefined}>
      {nodes.map((node) => (
        <li key={node.account.id}>
          <NodeName node={node} currentId={props.currentId} />
          <GroupBranch children={props.children} parentId={node.account.id} currentId={props.currentId} />
        </li>
      ))}
    </ul>
  );
}

/** The way from the group's head down to `currentId`, head first. */
function pathTo(nodes: readonly CustomerGroupNode[], currentId: string): CustomerGroupNode[] {
  const byId = new Map(nodes.map((node) => [node.account.id, node]));
  const path: CustomerGroupNode[] = [];
  for (let node = byId.get(currentId); node !== undefined; node = byId.get(node.parentId ?? '')) {
    path.unshift(node);
    if (node.parentId === null || path.length > nodes.length) break;
  }
  return path;
}

/** Head → … → this account, its own subsidiaries below it; how many companies each level holds. */
function GroupPath(props: { nodes: readonly CustomerGroupNode[]; tree: Children; currentId: string }) {
  const { t } = useTranslation();
  const { currentId } = props;
  const path = pathTo(props.nodes, currentId);
  const children = props.tree.get(currentId) ?? [];
  const childCount = (id: string) => props.tree.get(id)?.length ?? 0;
  const nest = (level: number): ReactNode => {
    const node = path[level];
    if (node === undefined) return null;
    const isCurrent = node.account.id === currentId;
    const others = childCount(node.account.id) - (isCurrent ? 0 : 1);
    return (
      <li>
        <NodeName node={node} currentId={currentId} />
        {!isCurrent && others > 0 && (
          <span className="muted small"> {t('account.groupOthers', { count: others })}</span>
        )}
        {isCurrent ? (
          children.length > 0 && (
            <ul>
              {children.slice(0, childrenShown).map((child) => (
                <li key={child.account.id}>
                  <NodeName node={child} currentId={currentId} />
                  {childCount(child.account.id) > 0 && (
                    <span className="muted small">
                      {' '}
                      {t('account.groupSubsidiaries', { count: childCount(child.account.id) })}
                    </span>
                  )}
                </li>
              ))}
              {children.length > childrenShown && (
                <li className="muted small">
                  {t('account.groupMoreChildren', { count: children.length - childrenShown })}
                </li>
              )}
            </ul>
          )
        ) : (
          <ul>{nest(level + 1)}</ul>
        )}
      </li>
    );
  };
  return <ul className="tree">{nest(0)}</ul>;
}

export function GroupCard({ detail }: { detail: AccountDetail }) {
  const { t } = useTranslation();
  const [whole, setWhole] = useState(false);
  const nodes = detail.group;
  const tree = useMemo(() => childrenOf(nodes), [nodes]);
  if (nodes.length === 0) return null;
  const large = nodes.length > wholeTreeUpTo;
  return (
    <section className="card group-card" aria-labelledby="group-title">
      <header className="card-header">
        <h2 id="group-title">
          {t('account.group')} · {t('account.groupMembers', { count: nodes.length })}
        </h2>
        {large && (
          <button type="button" aria-expanded={whole} onClick={() => setWhole(!whole)}>
            {whole ? t('account.groupCollapse') : t('account.groupShowAll', { count: nodes.length })}
          </button>
        )}
      </header>
      {large && !whole ? (
        <GroupPath nodes={nodes} tree={tree} currentId={detail.account.id} />
      ) : (
        <div className={large ? 'group-tree-scroll' : undefined}>
          <GroupBranch children={tree} parentId={null} currentId={detail.account.id} />
        </div>
      )}
    </section>
  );
}
