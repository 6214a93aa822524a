import { interpolate, variablesIn } from './interpolation';

describe("compose's interpolation", () => {
  const variables = { SET: 'value', EMPTY: '' };

  it('replaces $NAME and ${NAME}, and $$ by a dollar', () => {
    expect(interpolate('$SET/${SET}/$$SET/$${SET}', variables)).toBe('value/value/$SET/${SET}');
  });

  it('takes a default when unset or empty (:-), or only when unset (-), nested defaults too', () => {
    expect(interpolate('${EMPTY:-a} ${EMPTY-a} ${NONE-a} ${NONE:-x${SET}y}', variables)).toBe('a  a xvaluey');
    expect(interpolate('${NONE:-${ALSO_NONE:-deep}}', variables)).toBe('deep');
  });

  it('puts the alternative when set and not empty (:+), or set (+)', () => {
    expect(interpolate('[${SET:+on}] [${EMPTY:+on}] [${EMPTY+on}] [${NONE+on}]', variables)).toBe('[on] [] [on] []');
  });

  it('fails on a required variable (:? and ?), with its message', () => {
    expect(() => interpolate('${EMPTY:?set it}', variables)).toThrow('EMPTY: set it');
    expect(interpolate('${EMPTY?set it}', variables)).toBe('');
    expect(() => interpolate('${NONE?}', variables)).toThrow('NONE: required');
  });

  it('reports a bare variable left unset, as compose warns of it', () => {
    const unset: string[] = [];
    expect(interpolate('${NONE}-$OTHER-${NONE:-ok}', variables, (name) => unset.push(name))).toBe('--ok');
    expect(unset).toEqual(['NONE', 'OTHER']);
  });

  it('lists every variable named, defaults included', () => {
    expect(variablesIn('$A ${B:-${C}} $$D ${E-x}')).toEqual(['A', 'B', 'C', 'E']);
  });
});
