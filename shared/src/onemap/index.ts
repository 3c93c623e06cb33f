// 一张图 base layers: 地类图斑 statistics, 管控线, features for the maps.
export {
  type BoundingBox,
  type ControlLineRow,
  controlLinesByKind,
  featuresInBox,
  type LandUseClassRow,
  landUseByClass,
  MAP_LAYERS,
  type MapLayer,
} from "./repository.ts";
