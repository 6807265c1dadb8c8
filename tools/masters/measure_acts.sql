-- What a generated dataset bills outpatient, for tools/masters/background_acts.py --measured:
-- the 算定回数 of every 診療行為 on 入院外 receipts and the outpatient visit-days, by the age
-- bands of the background (0-14, 15-39, 40-64, 65-74, 75+). Output CSV: code, band, count,
-- with code 'visit_days' for the visit-days. Run on a loaded dataset:
--   PGOPTIONS="-c search_path=hicgen" psql DB -X -q -A -F, -t -f tools/masters/measure_acts.sql
-- Receipt class (rcp_cls) 4th digit: odd = 入院, even = 入院外 (記録条件仕様 レセプト種別).
\set ON_ERROR_STOP 1
WITH o AS (
    SELECT re.seq2_no, ho.prac_true_days,
           CASE WHEN re.age < 15 THEN 0 WHEN re.age < 40 THEN 15 WHEN re.age < 65 THEN 40
                WHEN re.age < 75 THEN 65 ELSE 75 END AS band
    FROM tnds_t_rcp_med_re re JOIN tnds_t_rcp_med_ho ho USING (seq2_no)
    WHERE right(re.rcp_cls, 1) IN ('0', '2', '4', '6', '8'))
SELECT si.prac_act_cd, o.band, sum(coalesce(si.times, 1))
FROM tnds_t_rcp_med_si si JOIN o USING (seq2_no) GROUP BY 1, 2
UNION ALL
SELECT 'visit_days', band, sum(prac_true_days) FROM o GROUP BY 2
ORDER BY 1, 2;
