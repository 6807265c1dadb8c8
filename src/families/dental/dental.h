/* hicgen — the 歯科 family: each person's dental history as courses of treatment (fillings,
 * root canals and crowns, periodontal care and maintenance, extractions, dentures, home visits),
 * each a run of visits at the person's dental clinic, billed month by month as NDB records IR,
 * RE, HO/KO, HS (diseases with their teeth), SS (dental acts with their 加算 and materials) and
 * IY (drugs given at the clinic). The courses, their acts and rates are data (masters/dental/);
 * what every visit shares is in specs/model/dental.yaml. */
#ifndef HICGEN_FAMILIES_DENTAL_H
#define HICGEN_FAMILIES_DENTAL_H

#include "families/bgacts.h"
#include "families/claims.h"
#include "families/dental/records.h"
#include "hicgen/ddist.h"
#include "hicgen/family.h"
#include "hicgen/master.h"

extern const hg_family hg_family_dental;

/* The fee codes every visit and month draws on (dental.yaml codes.*). */
enum {
    DC_FIRST,
    DC_REVISIT,
    DC_INFANT_FIRST,
    DC_INFANT_REVISIT,
    DC_ENV_FIRST,
    DC_ENV_REVISIT,
    DC_STATEMENT,
    DC_MGMT,
    DC_MGMT_FIRST,
    DC_DOCUMENT,
    DC_HYGIENE,
    DC_HOME_SINGLE,
    DC_HOME_FACILITY,
    DC_HOME_MGMT,
    DC_HOME_HYGIENE,
    DC_LONG_TERM,
    DC_LONG_TERM_K,
    DC_ENAMEL,
    DC_RX_FEE,
    DC_RX_DISPENSE,
    DC__N
};

enum { DEN_MAX_AGE = 120, DEN_MAX_GROUPS = 8, DEN_MAX_WITH = 3 };

/* An act's count: per tooth of the course, per tooth treated at this visit (the course's teeth
 * in turn), once for the mouth, or a drug (quantity = units a day, for `days` days). */
enum { PER_TOOTH, PER_TURN, PER_MOUTH, PER_RX };
/* Which visits of a course an act belongs to: visit n, the n-th before the last, the visits
 * between the first and the last three, or every visit. */
enum { VIS_N, VIS_LAST, VIS_MID, VIS_ALL };
/* Where a course's teeth are. */
enum { TG_ANY, TG_POSTERIOR, TG_ANTERIOR, TG_CHILD, TG_MOUTH };

typedef struct den_add {
    int row;         /* row of the 加算 or material in the dental master */
    int fixed;       /* its quantity when qty is empty */
    int kakaritsuke; /* billed only at かかりつけ歯科医機能強化型 clinics */
    hg_ddist qty;    /* its quantity (0: not added this time) */
} den_add;

typedef struct den_act {
    int vis, vis_n;
    int grp; /* choice group within the course (-1: drawn on its own) */
    double p;
    int row, drug; /* dental master row, or medicine master row when drug */
    int with[DEN_MAX_WITH], nwith;
    int per;
    hg_ddist qty, days;
    den_add add[DEN_MAX_ADDS];
    int nadd;
    int rem_lo, rem_hi; /* present teeth this act is for */
} den_act;

typedef struct den_course {
    char id[24];
    hg_ddist teeth, visits, gap, next_delay;
    int group, state, managed, hygiene, home, cured, next;
    double next_p;
    int dis0, ndis; /* its diseases: dis_row/dis_cum[dis0 … dis0 + ndis) */
    int act0, nact; /* its acts: act[act0 … act0 + nact) */
    char grp_name[DEN_MAX_GROUPS][16];
    int ngrp;
} den_course;

typedef struct hg_dental_model {
    double teeth_age[16][2];
    int nteeth_age;
    double teeth_sd;
    int lead_in, revisit_within;
    double env_share, statement_share, document_share, hygiene_share, home_single_share;
    int long_term_months;     /* 長期管理加算 from this many months after the 初診 month */
    double kakaritsuke_share; /* patients of かかりつけ歯科医機能強化型 clinics */
    double enamel_share;     /* their managed months with エナメル質初期う蝕管理加算 */
    double clinics_per_100k; /* sized to the dataset (hg_inst_count) */
    double ident_by_prefix[20]; /* 診療識別 by code prefix 300 + i */
    int code[DC__N];            /* dental master rows */
    hg_mtab acts;               /* masters/dental/den_base.csv */
    hg_bgacts bg;               /* masters/dental/background_acts.csv */
    int *points;                /* per master row: FY2022 points */
    char (*ident)[3];           /* per master row: 診療識別 */
    hg_mtab courses_t, dis_t, acts_t, rates_t;
    den_course *course;
    int ncourse;
    int *dis_row;
    double *dis_cum;
    den_act *act;
    int nact;
    double *rate; /* course starts per person-year: rate[c * (DEN_MAX_AGE + 1) + age] */
} hg_dental_model;

#endif
