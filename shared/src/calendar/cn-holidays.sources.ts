/**
 * The legal source of each bundled year of the working-day calendar: the 国务院办公厅 notice that
 * fixes that year's 法定节假日 and 调休, plus later notices that changed it. `verified` is true only
 * where the notice text was read and compared day by day with the bundled data while writing this
 * (see calendar.test.ts "official notices"); the others were taken from the chinese-days package
 * and their 文号/日期 are recalled, not checked against the 国务院公报 offline — an administrator
 * who finds a difference corrects it through the calendar_day table.
 */
export interface HolidayNotice {
  title: string;
  /** 文号, e.g. 国办发明电〔2023〕7号. */
  docNo: string;
  issuedOn: string;
  verified: boolean;
}

export interface YearSource {
  notices: readonly HolidayNotice[];
  note?: string;
}

const notice = (year: number, docNo: string, issuedOn: string, verified = false): HolidayNotice => ({
  title: `国务院办公厅关于${year}年部分节假日安排的通知`,
  docNo,
  issuedOn,
  verified,
});

export const CN_HOLIDAY_SOURCES: Readonly<Record<number, YearSource>> = {
  2015: {
    notices: [
      notice(2015, "国办发明电〔2014〕28号", "2014-12-16"),
      {
        title: "国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知",
        docNo: "国发明电〔2015〕3号",
        issuedOn: "2015-05-10",
        verified: false,
      },
    ],
    note: "9月3日至5日纪念日放假，9月6日（星期日）上班。",
  },
  2016: { notices: [notice(2016, "国办发明电〔2015〕18号", "2015-12-10")] },
  2017: { notices: [notice(2017, "国办发明电〔2016〕17号", "2016-11-30")] },
  2018: { notices: [notice(2018, "国办发明电〔2017〕12号", "2017-11-30")] },
  2019: {
    notices: [
      notice(2019, "国办发明电〔2018〕15号", "2018-12-06"),
      {
        title: "国务院办公厅关于调整2019年劳动节假期安排的通知",
        docNo: "国办发明电〔2019〕2号",
        issuedOn: "2019-03-22",
        verified: false,
      },
    ],
    note: "劳动节调整为5月1日至4日放假，4月28日（星期日）、5月5日（星期日）上班。",
  },
  2020: {
    notices: [
      notice(2020, "国办发明电〔2019〕16号", "2019-11-21"),
      {
        title: "国务院办公厅关于延长2020年春节假期的通知",
        docNo: "国办发明电〔2020〕1号",
        issuedOn: "2020-01-26",
        verified: false,
      },
    ],
    note: "春节假期延长至2月2日（新冠肺炎疫情防控）。",
  },
  2021: { notices: [notice(2021, "国办发明电〔2020〕27号", "2020-11-25")] },
  2022: { notices: [notice(2022, "国办发明电〔2021〕11号", "2021-10-25")] },
  2023: { notices: [notice(2023, "国办发明电〔2022〕16号", "2022-12-08")] },
  2024: { notices: [notice(2024, "国办发明电〔2023〕7号", "2023-10-25", true)] },
  2025: {
    notices: [notice(2025, "国办发明电〔2024〕12号", "2024-11-12")],
    note: "自2025年起按修订后的《全国年节及纪念日放假办法》（国务院令第795号）春节、劳动节各增加1天。",
  },
  2026: {
    notices: [notice(2026, "国办发明电〔2025〕7号", "2025-11-04", true)],
    note: "通知全文与发布日期已核对；文号凭记忆填写，未离线核实。",
  },
};
