-- What a generated dataset gives outpatient at the clinic, for tools/masters/calibrate_drugs.py clinic:
-- the quantity of every drug on 入院外 医科 receipts (use_amnt × times), per 20,000 person-years.
-- Output CSV: medicine_cd, quantity. Run on a loaded dataset:
--   PGOPTIONS="-c search_path=hicgen" psql DB -X -q -A -F, -t -f tools/masters/measure_injections.sql
\set ON_ERROR_STOP 1
WITH o AS (SELECT seq2_no FROM tnds_t_rcp_med_re WHERE right(rcp_cls, 1) IN ('0', '2', '4', '6', '8')),
py AS (SELECT count(*) AS n FROM hicgen_persons)
SELECT iy.medicine_cd, round(sum(iy.use_amnt * coalesce(iy.times, 1)) * 20000.0 / (SELECT n FROM py), 3)
FROM tnds_t_rcp_med_iy iy JOIN o USING (seq2_no) GROUP BY 1 ORDER BY 1;
