-- 用地类型 codes go up to 21 characters (collective_commercial): varchar(20) refused a 集体经营性建设用地入市 batch.
ALTER TABLE batch ALTER COLUMN land_use_type TYPE varchar(30);
ALTER TABLE disclosure_search ALTER COLUMN land_use_type TYPE varchar(30);
