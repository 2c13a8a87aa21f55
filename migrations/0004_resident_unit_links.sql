-- A resident's unit links (unit id, building name, unit number, relation) kept on the resident
-- row, rebuilt with search_text whenever they change, so a page of residents is one query
-- without joins. NULL means not yet built: readers then join resident_units as before.
ALTER TABLE residents ADD COLUMN unit_links TEXT;
