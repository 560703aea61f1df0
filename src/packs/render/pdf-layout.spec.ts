import { axisTicks, columnWidths, equalValueOffsets, TextMeasure, type MeasuringDocument } from './pdf-layout';

/** Every character one point wide: line breaking becomes easy to reason about. */
function fakeDoc(): MeasuringDocument & { measured: number } {
  const doc = {
    measured: 0,
    font: () => doc,
    fontSize: () => doc,
    widthOfString: (text: string) => {
      doc.measured += 1;
      return text.length;
    },
  };
  return doc;
}

describe('TextMeasure', () => {
  it('breaks lines at spaces', () => {
    expect(new TextMeasure(fakeDoc()).wrap('aaa bbb ccc dd', 'F', 10, 7)).toEqual(['aaa bbb', 'ccc dd']);
  });

  it('splits a word longer than the line', () => {
    expect(new TextMeasure(fakeDoc()).wrap('abcdefghij', 'F', 10, 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('ends the last kept line with an ellipsis when there are too many lines', () => {
    expect(new TextMeasure(fakeDoc()).wrap('one two three four five', 'F', 10, 9, 2)).toEqual(['one two', 'three…']);
  });

  it('keeps explicit line breaks and empty text', () => {
    const measure = new TextMeasure(fakeDoc());
    expect(measure.wrap('a\nb', 'F', 10, 9)).toEqual(['a', 'b']);
    expect(measure.wrap('', 'F', 10, 9)).toEqual(['']);
  });

  it('measures each word once', () => {
    const doc = fakeDoc();
    const measure = new TextMeasure(doc);
    measure.wrap('red amber red amber red', 'F', 10, 100);
    measure.wrap('red amber', 'F', 10, 100);
    expect(doc.measured).toBe(3);
  });
});

describe('layout arithmetic', () => {
  it('shares a width by relative column widths', () => {
    expect(columnWidths([1, 3], 100)).toEqual([25, 75]);
  });

  it('picks round axis ticks', () => {
    expect(axisTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(axisTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(axisTicks(0)).toEqual([0, 1]);
  });
});

describe('equalValueOffsets', () => {
  it('moves lines that share a value at a date apart, symmetrically, and leaves the others', () => {
    expect(
      equalValueOffsets([
        [2, 3, 1],
        [2, 4, 1],
        [5, 4, 1],
      ]),
    ).toEqual([
      [-0.5, 0, -1],
      [0.5, -0.5, 0],
      [0, 0.5, 1],
    ]);
  });
});
