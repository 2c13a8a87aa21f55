-- The manual's controls that must hold whatever the caller tries (issue 12).

-- A piece of evidence serves one record (PK-8, MT-3.4, MT-3.5): a file, or the same bytes
-- uploaded again as another file, is claimed by the first record that uses it.
CREATE TABLE file_uses (
    file_id BIGINT PRIMARY KEY REFERENCES files(id),
    site_id BIGINT NOT NULL REFERENCES sites(id),
    sha256 TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    purpose TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX file_uses_bytes ON file_uses (site_id, sha256);

-- Uses made before this table existed, oldest first; a later duplicate keeps the first claim.
INSERT INTO file_uses (file_id, site_id, sha256, entity, entity_id, purpose, created_at)
SELECT f.id, f.site_id, f.sha256, u.entity, u.entity_id, u.purpose, u.at
  FROM (SELECT licence_file_id AS file_id, 'parking_hold' AS entity, id AS entity_id, 'licence' AS purpose,
               updated_at AS at FROM parking_holds WHERE licence_file_id IS NOT NULL
        UNION ALL SELECT id_file_id, 'parking_hold', id, 'id_card', updated_at FROM parking_holds
                  WHERE id_file_id IS NOT NULL
        UNION ALL SELECT statement_file_id, 'parking_hold', id, 'statement', updated_at FROM parking_holds
                  WHERE statement_file_id IS NOT NULL
        UNION ALL SELECT signature_file_id, 'repair', id, 'signature', updated_at FROM repairs
                  WHERE signature_file_id IS NOT NULL
        UNION ALL SELECT receipt_file_id, 'repair_material', id, 'receipt', recorded_at FROM repair_materials
                  WHERE receipt_file_id IS NOT NULL
        UNION ALL SELECT signature_file_id, 'work_order', id, 'signature', updated_at FROM work_orders
                  WHERE signature_file_id IS NOT NULL
        UNION ALL SELECT snapshot_file_id, 'parking_incident', id, 'snapshot', updated_at FROM parking_incidents
                  WHERE snapshot_file_id IS NOT NULL
        UNION ALL SELECT photo_file_id, 'vehicle', id, 'photo', updated_at FROM vehicles
                  WHERE photo_file_id IS NOT NULL) u
  JOIN files f ON f.id = u.file_id
 WHERE true
 ORDER BY u.at, f.id
ON CONFLICT DO NOTHING;
