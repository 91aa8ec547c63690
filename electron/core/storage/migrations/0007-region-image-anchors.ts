import type { Migration } from './migration';

/**
 * Shapes drawn on 2D images (electron/core/regions/image-region.ts): a region may carry the image it
 * was drawn on and the shape in image coordinates, as JSON (RegionImageAnchor: coordinates
 * 'patient' | 'image', sopInstanceUid, frameNumber, k, shape, points). NULL for every other region.
 */
const SQL = /* sql */ `
ALTER TABLE regions ADD COLUMN image_anchor TEXT CHECK (image_anchor IS NULL OR json_valid(image_anchor));
`;

const migration: Migration = {
  version: 7,
  name: 'region-image-anchors',
  up(db) {
    db.exec(SQL);
  },
};
export default migration;
