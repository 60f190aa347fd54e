import { ValidationError } from 'class-validator';
import { flattenValidationErrors } from './validation-errors';

const error = (property: string, value: unknown, constraints?: Record<string, string>, children: ValidationError[] = []) =>
  Object.assign(new ValidationError(), { property, value, constraints, children });

describe('flattenValidationErrors', () => {
  it('joins nested paths with dots', () => {
    const list = error('part_specs', [{}], undefined, [error('0', {}, undefined, [error('color', 'blue', { isIn: 'color must be one of green, yellow, red' })])]);
    expect(flattenValidationErrors([list])).toEqual({ 'part_specs.0.color': ['color must be one of green, yellow, red'] });
  });

  it('says a missing field is required, and only that', () => {
    const title = error('title', undefined, { maxLength: 'title must be shorter than or equal to 200 characters', isString: 'title must be a string' });
    expect(flattenValidationErrors([title])).toEqual({ title: ['title is required'] });
  });

  it('puts the type problem before the range problem', () => {
    const assignee = error('assignee_id', '4', { min: 'assignee_id must not be less than 1', isInt: 'assignee_id must be an integer number' });
    expect(flattenValidationErrors([assignee]).assignee_id[0]).toBe('assignee_id must be an integer number');
  });

  it('names at most 20 fields', () => {
    const errors = Array.from({ length: 500 }, (_, i) => error(`k${i}`, 1, { whitelistValidation: `property k${i} should not exist` }));
    const fields = flattenValidationErrors(errors);
    expect(Object.keys(fields)).toHaveLength(20);
    expect(fields.k0).toEqual(['property k0 should not exist']);
  });
});
