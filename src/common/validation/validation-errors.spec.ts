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

describe('flattenValidationErrors limits', () => {
  it('names at most 20 fields', () => {
    const errors = Array.from({ length: 500 }, (_, i) => Object.assign(new ValidationError(), { property: `k${i}`, constraints: { whitelist: `property k${i} should not exist` } }));
    const fields = flattenValidationErrors(errors);
    expect(Object.keys(fields)).toHaveLength(20);
    expect(fields.k0).toEqual(['property k0 should not exist']);
  });
});
