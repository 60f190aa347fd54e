import { ValidationError } from 'class-validator';
import { flattenValidationErrors } from './validation-errors';

describe('flattenValidationErrors', () => {
  it('joins nested paths with dots', () => {
    const child = Object.assign(new ValidationError(), { property: 'color', constraints: { isIn: 'color must be one of green, yellow, red' } });
    const item = Object.assign(new ValidationError(), { property: '0', children: [child] });
    const list = Object.assign(new ValidationError(), { property: 'part_specs', children: [item] });
    const title = Object.assign(new ValidationError(), { property: 'title', constraints: { a: 'm1', b: 'm2' } });
    expect(flattenValidationErrors([list, title])).toEqual({
      'part_specs.0.color': ['color must be one of green, yellow, red'],
      title: ['m1', 'm2'],
    });
  });
});
