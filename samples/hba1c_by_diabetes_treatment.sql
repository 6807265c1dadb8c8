-- HbA1c at the 特定健診 by sex, 10-year age band and whether the person is treated for
-- diabetes (服薬2 = はい), with the share at or above 6.5 %. The data is FICTITIOUS.
SELECT CASE b.testee_sex_cd WHEN '1' THEN 'male' ELSE 'female' END AS sex,
       (b.age / 10) * 10 AS age_band,
       CASE m.value_cd WHEN '1' THEN 'treated' ELSE 'not treated' END AS diabetes_drugs,
       count(*) AS examinees,
       round(avg(a.val), 2) AS mean_hba1c,
       round(100.0 * avg((a.val >= 6.5)::int), 1) AS pct_ge_6_5
FROM tnds_t_tokken_base b
JOIN tnds_t_tokken_exam a ON a.seq1_no = b.seq1_no AND a.cd = '3D046000001906202'
JOIN tnds_t_tokken_exam m ON m.seq1_no = b.seq1_no AND m.cd = '9N706000000000011'
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;
