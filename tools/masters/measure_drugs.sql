-- What a generated dataset's pharmacies dispense, for tools/masters/calibrate_drugs.py dispensed: the
-- quantity of every drug on 調剤 receipts (use_amnt × 調剤数量), per 20,000 person-years.
-- Output CSV: medicine_cd, quantity. Run on a loaded dataset:
--   PGOPTIONS="-c search_path=hicgen" psql DB -X -q -A -F, -t -f tools/masters/measure_drugs.sql
\set ON_ERROR_STOP 1
WITH py AS (SELECT count(*) AS n FROM hicgen_persons)
SELECT iy.medicine_cd,
       round(sum(iy.use_amnt * coalesce(cz.dspng_amnt, 1)) * 20000.0 / (SELECT n FROM py), 3)
FROM tnds_t_rcp_pha_iy iy
JOIN tnds_t_rcp_pha_cz cz ON cz.seq2_no = iy.seq2_no AND cz.prspt_no = iy.prspt_no
                         AND cz.prspt_sub_no = iy.prspt_sub_no
GROUP BY 1 ORDER BY 1;
