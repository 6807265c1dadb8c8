-- Receipts, mean points and mean co-payment by setting (入院 / 入院外) and insurer system
-- (receipt category digit 2: 1 医保, 2 公費単独, 3 後期高齢者). A receipt's points are on its HO
-- record, or, without one (公費単独), on its KO records: the largest is the receipt's (生活保護
-- pays for every line). The data is FICTITIOUS.
SELECT CASE WHEN re.hostz_ymd IS NULL THEN 'outpatient' ELSE 'inpatient' END AS setting,
       substr(re.rcp_cls, 2, 1) AS system,
       count(*) AS receipts,
       round(avg(coalesce(ho.total_score, ko.total_score))) AS mean_points,
       round(avg(ho.medi_insu)) AS mean_copay_yen
FROM tnds_t_rcp_med_re re
LEFT JOIN tnds_t_rcp_med_ho ho ON ho.seq2_no = re.seq2_no
LEFT JOIN (SELECT seq2_no, max(total_score) AS total_score FROM tnds_t_rcp_med_ko GROUP BY 1) ko
  ON ko.seq2_no = re.seq2_no
GROUP BY 1, 2
ORDER BY 1, 2;
