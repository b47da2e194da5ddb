// How many neighbours an expand loads at a time; a node with more offers the rest ("+N more").
import { useId } from 'react';
import { PAGE_SIZES } from './expand-request.js';

export function PageSizeField({ value, onChange }: { value: number; onChange(size: number): void }) {
  const id = useId();
  return (
    <fieldset className="expand-settings">
      <legend>Expanding</legend>
      <div className="form-row">
        <label htmlFor={id}>Neighbours per expand</label>
        <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
      <p className="muted">An expand loads what the filters above show. A node with more offers “+N more” in its menu and details.</p>
    </fieldset>
  );
}
